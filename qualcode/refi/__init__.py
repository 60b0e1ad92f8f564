"""REFI-QDA exchange for a project: export to .qdc/.qdpx and import from them.

The package: :mod:`.model` (plain data), :mod:`.archive` (safe zip and XML),
:mod:`.read` (file -> plain data, with :mod:`.positions` turning the file's
positions into offsets of the stored text), :mod:`.write` (plain data -> file),
:mod:`.gather` (project -> plain data, :func:`export_refi`) and :mod:`.apply`
(plain data -> project in one transaction, :func:`import_refi`): a file that
fails leaves the project exactly as it was.

Mapping (qualcode -> REFI-QDA and back):

- codes -> ``<Code>`` (hierarchy, colour, definition as ``<Description>``);
  the name is written as ``"KEY name"`` so a qualcode import restores the key.
  Other programs' codes get a key made from their name (unique, ``-2`` ...).
  ``name_alt``, include/exclude criteria and examples have no place in the
  standard; they follow the definition in the ``<Description>`` as a block
  that reads as plain text (:mod:`.fields`).
- coders -> ``<User>``; codings -> one ``<PlainTextSelection>`` (named
  ``line:N``) with one ``<Coding>`` each (code, user, creation time); a coding
  memo -> a dated ``<Note>`` and the selection's ``<Description>``.
  On import a coding whose user is unknown goes to the coder ``imported``.
- documents -> ``<TextSource>`` with their text in ``sources/<guid>.txt`` and
  the variables ``source_type`` and ``language``.
- informants -> ``<Case>`` with the variables group, role, organisation and
  every attribute (typed by the attribute's declared kind: number -> Integer
  or Float, date -> Date; a category is Text with its list in the variable's
  description; import declares these kinds again, and Boolean as the category
  true/false), and ``<SourceRef>`` to their documents (also written as
  NVivo and QualCoder do, see :mod:`.write`); groups -> ``<Set>``
  (name = group key, description = group name) whose members are the groups'
  documents. On import a case goes to the group named by its ``group``
  variable, else to the group of a set holding one of its sources, else to
  the group ``imported``.
- a document's recording -> an ``<AudioSource>``/``<VideoSource>`` whose
  ``<Transcript>`` is the document's text file, with a ``<SyncPoint>`` per timed
  turn (:mod:`.media`); importing links it back to that document.
- PDF, picture, other audio and video sources and their selections cannot be
  imported; they are counted in :attr:`RefiImportResult.skipped`, as are
  empty sources. A source without its text, a selection that does not fit and
  a coding of an unknown code refuse the whole file unless ``skip_missing``
  (then they are listed in :attr:`RefiImportResult.left_out`); what has no
  place in qualcode (code sets, other sets, free notes, links) is named in
  :attr:`RefiImportResult.warnings`. docs/exchange.md says it for users.
"""

from .apply import RefiImportResult, import_refi, import_refi_path
from .gather import export_refi, refi_data

__all__ = ["RefiImportResult", "export_refi", "import_refi", "import_refi_path", "refi_data"]
