"""Shared steps of the browser journeys: reach a page, pick from a selectbox, click and wait for the rerun,
sign in, and small projects to walk through. Every step that reruns the page ends with `settle` and
`assert_no_exception`, so a traceback on any page a journey visits fails it."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from . import assert_no_exception

WAIT = 60_000  # ms: generous, the CI machine runs two browsers' worth of work on two cores

# True once Streamlit has been idle (no running indicator, no stale element) for three polls in a row.
# `wait_idle` alone can return before a rerun even starts; this waits out that gap as well.
_SETTLED_JS = """
() => {
  const busy = document.querySelector('[data-testid="stStatusWidget"]')
    || document.querySelector('[data-stale="true"]')
    || document.querySelector('[data-testid="stSkeleton"]');
  window.__qcQuiet = busy ? 0 : (window.__qcQuiet || 0) + 1;
  return window.__qcQuiet >= 3;
}
"""


def settle(page, timeout: int = WAIT) -> None:
    """Wait until the app has finished rerunning (idle for three polls 200 ms apart), then check for tracebacks."""
    page.evaluate("() => { window.__qcQuiet = 0; }")
    page.wait_for_function(_SETTLED_JS, timeout=timeout, polling=200)
    assert_no_exception(page)


def main(page):
    """The main area (not the sidebar)."""
    return page.locator('[data-testid="stMain"]')


def open_page(page, url: str, path: str = "") -> None:
    """Load ``url/path`` and wait for its first heading."""
    page.goto(f"{url}/{path}")
    main(page).locator("h1").first.wait_for(timeout=WAIT)
    settle(page)


def nav(page, title: str) -> None:
    """Go to a page through the sidebar navigation (its link titled ``title``)."""
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title).first.click()
    main(page).get_by_role("heading", name=title).first.wait_for(timeout=WAIT)
    settle(page)


def nav_titles(page) -> list[str]:
    """The titles of the pages in the sidebar navigation, in order."""
    page.locator('[data-testid="stSidebarNav"]').wait_for(timeout=WAIT)
    return [t.strip() for t in page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()]


def widget(page, testid: str, label: str, *, scope=None):
    """The widget (``stSelectbox``, ``stMultiSelect``, ``stTextArea`` ...) whose label is exactly ``label``."""
    scope = scope or page
    labelled = page.locator('[data-testid="stWidgetLabel"]').get_by_text(label, exact=True)
    return scope.locator(f'[data-testid="{testid}"]').filter(has=labelled).first


def choose(page, label: str, option, *, scope=None, search: str | None = None) -> None:
    """Pick ``option`` (its shown text exactly, or a compiled regex) in the selectbox labelled ``label``;
    wait for the rerun. The list only draws the options in view, so ``search`` (default: ``option``
    when it is a string) is typed first to narrow it."""
    box = widget(page, "stSelectbox", label, scope=scope)
    search = search if search is not None else option if isinstance(option, str) else None
    pick_option(page, box, option, search=search)
    settle(page)


def pick_option(page, box, option, *, search: str | None = None, exact: bool = True) -> None:
    """Open the drop-down of ``box`` (a selectbox or multiselect), type ``search`` if given, and click
    ``option`` (its text, exactly unless ``exact`` is false, or a compiled regex). A click that lands while a
    rerun replaces the widget opens nothing, so the drop-down is opened again (after Escape and the rerun)
    until the option shows."""
    exactly = {"exact": exact} if isinstance(option, str) else {}
    target = page.get_by_role("option", name=option, **exactly).first
    deadline = time.monotonic() + WAIT / 1000
    while True:
        box.click()
        if search:
            box.locator("input").fill(search)
        try:
            target.click(timeout=5000)
            return
        except PlaywrightTimeout:
            if time.monotonic() > deadline:
                raise
            page.keyboard.press("Escape")
            settle(page)


def selected(page, label: str, *, scope=None) -> str:
    """The shown value of the selectbox labelled ``label`` (Streamlit 1.67 keeps it in the combobox input)."""
    return widget(page, "stSelectbox", label, scope=scope).locator("input").input_value()


def choose_many(page, label: str, options: list[str], *, scope=None) -> None:
    """Add each of ``options`` in the multiselect labelled ``label``; wait for the rerun after each."""
    box = widget(page, "stMultiSelect", label, scope=scope)
    for option in options:
        pick_option(page, box, option)
        page.keyboard.press("Escape")
        settle(page)


def click(page, name: str, *, scope=None, exact: bool = True) -> None:
    """Click the button called ``name`` (in ``scope``, else the whole page) and wait for the rerun."""
    (scope or page).get_by_role("button", name=name, exact=exact).first.click()
    settle(page)


def pick_coder(page, name: str) -> None:
    """Choose the acting coder in the sidebar's coder picker (without sign-in)."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    pick_option(page, sidebar.locator('[data-testid="stSelectbox"]').nth(1), name)
    settle(page)


def expand(page, expander) -> None:
    """Open the expander ``expander`` (a ``stExpander`` locator) unless it is open. One click toggles it, and a
    click during a rerun can be lost, so the click is repeated only while the expander stays shut."""
    details = expander.locator("details").first
    deadline = time.monotonic() + WAIT / 1000
    while not details.evaluate("el => el.open"):
        if time.monotonic() > deadline:
            raise AssertionError("the expander did not open")
        expander.locator("summary").first.click()
        try:
            page.wait_for_function("el => el.open", arg=details.element_handle(), timeout=5000)
        except PlaywrightTimeout:
            settle(page)
    settle(page)


def sign_in(page, url: str, name: str, password: str) -> None:
    """Sign in through the login form of a server started with ``auth=True``."""
    page.goto(url)
    form = page.locator('[data-testid="stForm"]')
    form.locator('input[type="text"], input:not([type])').first.wait_for(timeout=WAIT)
    form.locator("input").nth(0).fill(name)
    form.locator('input[type="password"]').fill(password)
    form.locator('[data-testid="stFormSubmitButton"] button').click()
    page.locator('[data-testid="stSidebarNav"]').wait_for(timeout=WAIT)
    settle(page)


def copy_demo(demo_path: Path, target_dir: Path) -> Path:
    """A writable copy of the session's demo project (the fixture's file is shared and read-only)."""
    target = Path(target_dir) / "demo.qualcode"
    src, dst = sqlite3.connect(demo_path), sqlite3.connect(target)
    try:
        src.backup(dst)  # SQLite's backup API: a consistent copy even with a WAL beside the file
    finally:
        src.close()
        dst.close()
    return target


# -- data editors (Glide grids drawn on a canvas: reached with the mouse and the keyboard) --------------------------

ROW = 35  # px: height of a Streamlit data-editor row and of its header


def grid(page, *, scope=None):
    """The first visible data editor (or data frame) in ``scope``, else on the page."""
    where = scope or page
    editor = where.locator('[data-testid="stDataFrame"]:visible').first
    editor.wait_for(timeout=WAIT)
    return editor


def _grid_box(page, editor) -> dict:
    """The editor's box once its size holds (a redrawn editor grows by a row only after the rerun)."""
    editor.scroll_into_view_if_needed()
    box = None
    for _ in range(40):
        page.wait_for_timeout(250)
        box, before = editor.bounding_box(), box
        if box == before:
            break
    return box


def grid_rows(page, editor) -> int:
    """How many data rows an editor with ``num_rows="add"`` shows (header and trailing row not counted)."""
    return round((_grid_box(page, editor)["height"] - 2) / ROW) - 2


def grid_cell_click(page, editor, row: int, column: int = 0, *, x: float = 30) -> None:
    """Select the cell in data row ``row`` (-1: the trailing "add row" row), column ``column`` (0 = leftmost):
    a click ``x`` px into its first cell, then ArrowRight (column widths follow the content, keys do not)."""
    if row < 0:  # once only: each click on the trailing row adds a row (and opens the new cell's editor)
        box = _grid_box(page, editor)
        page.mouse.click(box["x"] + x, box["y"] + box["height"] - ROW / 2)
        page.locator("#portal textarea, #portal input").first.wait_for(timeout=WAIT)
    # The grid's screen-reader table marks the selected cell; a click can land on an editor that a rerun is
    # about to replace (same size, new widget), so click again until the cell is selected or an editor opened.
    chosen = editor.locator(f'[data-testid="glide-cell-0-{row}"][aria-selected="true"]').or_(
        page.locator("#portal textarea, #portal input"))
    for _ in range(10 if row >= 0 else 0):
        box = _grid_box(page, editor)
        page.mouse.click(box["x"] + x, box["y"] + ROW * (row + 1) + ROW / 2)
        try:
            chosen.first.wait_for(state="attached", timeout=5000)
            break
        except PlaywrightTimeout:
            continue
    page.wait_for_timeout(300)  # let the grid draw its selection before keys arrive
    for _ in range(column):
        page.keyboard.press("ArrowRight")


def grid_toggle(page, editor, row: int, *, x: float) -> None:
    """Click the checkbox drawn ``x`` px into the first cell of data row ``row`` once (a click toggles it, so
    no retry), and wait until the screen-reader copy of the cell shows the new value."""
    cell = editor.locator(f'[data-testid="glide-cell-0-{row}"]')
    before = cell.text_content()
    box = _grid_box(page, editor)
    page.mouse.click(box["x"] + x, box["y"] + ROW * (row + 1) + ROW / 2)
    page.wait_for_function("([el, old]) => el.textContent !== old", arg=[cell.element_handle(), before],
                           timeout=WAIT)


def grid_type(page, value: str) -> None:
    """Replace the selected text cell's value: Enter opens its editor unless it is open already (a click on
    the trailing row opens it; typing straight into a cell loses the keys that arrive before the editor
    is there), type, Enter commits."""
    box = page.locator("#portal textarea, #portal input").first
    try:
        box.wait_for(timeout=1500)
    except PlaywrightTimeout:
        page.keyboard.press("Enter")
    box.wait_for(timeout=WAIT)
    box.fill(value)
    page.wait_for_timeout(200)
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)


class Pick(str):
    """A value for a selectbox column: chosen from its drop-down, not typed."""


def grid_pick(page, value: str) -> None:
    """Open the selected select-cell's drop-down (Enter), type ``value`` to narrow its list to that option, and
    take it with Enter. Keys, not a click: on a busy machine the menu can miss a click on an option while it
    is still placing itself, and stay open with the cell empty."""
    page.keyboard.press("Enter")
    menu = page.locator("#portal")
    menu.get_by_role("option", name=value, exact=True).wait_for(timeout=WAIT)
    page.keyboard.type(value)
    expect(menu.get_by_role("option")).to_have_text([value], timeout=WAIT)
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)


def grid_pick_many(page, values: list[str]) -> None:
    """Open the selected multiselect-cell's editor (Enter), click each of ``values`` in its drop-down, and
    commit with a click outside the grid (Escape would drop the edit): on the sidebar's empty lower part."""
    page.keyboard.press("Enter")
    for n, value in enumerate(values):
        if n:
            page.keyboard.press("ArrowDown")  # the menu closes after each pick; this opens it again
        page.locator("#portal").get_by_role("option", name=value, exact=True).click()
        page.wait_for_timeout(200)
    size = page.viewport_size
    page.mouse.click(20, size["height"] - 20)
    page.wait_for_timeout(200)


def grid_add_row(page, editor, values: list[str], *, existing: int | None = None) -> None:
    """Type a new row into an editor with ``num_rows="add"``: its first cells, left to right
    (a :class:`Pick` value is chosen from the cell's drop-down).

    A click on the trailing row adds the row; each next cell is selected with a click on the row and
    ArrowRight (Enter's move after a commit is not the same for the first and later rows). Streamlit
    sends the row once its required cells are filled. With ``existing``, first wait until the grid has
    redrawn with that many data rows (after a rerun that stored the previous row, a grid read too early
    still has its old height, and the new row's cells would be looked for one row too high)."""
    if existing is not None:
        deadline = time.monotonic() + WAIT / 1000
        while grid_rows(page, editor) != existing and time.monotonic() < deadline:
            page.wait_for_timeout(250)
        assert grid_rows(page, editor) == existing, f"the grid shows {grid_rows(page, editor)} rows, not {existing}"
    row = grid_rows(page, editor)
    grid_cell_click(page, editor, -1)
    for n, value in enumerate(values):
        if n:
            grid_cell_click(page, editor, row, n)
        (grid_pick if isinstance(value, Pick) else grid_type)(page, value)
        if isinstance(value, Pick):
            _until_picked(page, editor, row, n, value)
    settle(page)


def _until_picked(page, editor, row: int, column: int, value: str) -> None:
    """Wait until the cell shows the picked ``value``; pick it again while it stays empty. On a busy machine the
    drop-down can miss the click while it is still drawing (it stays open, the cell stays empty), as a person
    would see and pick again. A value other than empty fails at once."""
    cell = editor.locator(f'[data-testid="glide-cell-{column}-{row}"]')
    for _ in range(3):
        try:
            expect(cell).to_have_text(value, timeout=5000)
            return
        except AssertionError:
            shown = (cell.text_content() or "").strip()
            assert not shown, f"row {row}, column {column} shows {shown!r}, not the picked {value!r}"
            page.keyboard.press("Escape")
            grid_cell_click(page, editor, row, column)
            grid_pick(page, value)
    expect(cell).to_have_text(value, timeout=5000)


def grid_edit(page, editor, row: int, column: int, value: str) -> None:
    """Replace the cell in data row ``row``, column ``column`` (0 = leftmost) with ``value``."""
    grid_cell_click(page, editor, row, column)
    (grid_pick if isinstance(value, Pick) else grid_type)(page, value)
    settle(page)


# -- other widgets -------------------------------------------------------------------------------------------------

def upload(page, label: str, files: list[Path]) -> None:
    """Put ``files`` into the file uploader labelled ``label`` through its real file input."""
    box = widget(page, "stFileUploader", label)
    box.locator('input[type="file"]').set_input_files([str(f) for f in files])
    # each uploaded file gets a chip (long names are shortened in the middle, so count chips, not names)
    box.locator('[data-testid="stFileChip"]').nth(len(files) - 1).wait_for(timeout=WAIT)
    settle(page)


def create_coder(page, name: str) -> None:
    """Create (and become) the coder ``name`` with the sidebar's "new coder" form."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    form = sidebar.locator('[data-testid="stForm"]')
    form.locator("input").fill(name)
    form.locator('[data-testid="stFormSubmitButton"] button').click()
    settle(page)


def pick_color(page, label: str, color: str, *, scope=None) -> None:
    """Set the colour picker labelled ``label`` to ``color`` ("#rrggbb") by typing into its hex box."""
    widget(page, "stColorPicker", label, scope=scope).locator("button").click()
    box = page.get_by_role("dialog").locator('input[id^="rc-editable-input"]').first
    box.fill(color)
    box.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)


# -- tabs and the project file ----------------------------------------------------------------------------------

def tab(page, name: str) -> None:
    """Show the tab ``name`` (a tracked tab: the click reruns the page)."""
    main(page).get_by_role("tab", name=name, exact=True).click()
    settle(page)
    shown(page, name)


def shown(page, name: str) -> None:
    """The tab ``name`` is the one selected (after a rerun that showed or dropped a message above the tabs)."""
    assert main(page).get_by_role("tab", selected=True).inner_text().strip() == name


def rows(path: Path, sql: str) -> list[tuple]:
    """The rows ``sql`` reads from the project file now."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def rows_become(path: Path, sql: str, expected: list[tuple], seconds: float = 30) -> None:
    """Assert that ``sql`` reads ``expected`` once the app has written it: a grid edit reaches the server
    after the page looks settled, so the file is polled for a while before the assertion is made."""
    deadline = time.monotonic() + seconds
    while rows(path, sql) != expected and time.monotonic() < deadline:
        time.sleep(0.25)
    got = rows(path, sql)
    assert got == expected, f"after {seconds} s the project file reads {got!r}, not {expected!r} ({sql})"


def query(path: Path, sql: str, *args) -> list[tuple]:
    """Rows of ``sql`` read straight from the project file (what SQLite holds, not what the page shows)."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()
