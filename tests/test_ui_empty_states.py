"""The pages that need a codebook, through AppTest: with no project open and on an empty project each
renders without exception, keeps its title and explains what is missing."""

from __future__ import annotations

import pytest

from qualcode.project import Project

from .conftest import open_page

TITLES = {"triangulation": "Triangulation", "framework": "Framework matrix", "agreement": "Agreement",
          "suggestions": "Suggestions"}


@pytest.fixture
def empty(tmp_path):
    path = tmp_path / "empty.qualcode"
    Project.create(path).close()
    return path


@pytest.mark.parametrize("page", TITLES)
def test_no_project(page: str):
    at = open_page(page, "")
    assert not at.exception
    assert at.title[0].value == TITLES[page]
    assert "No project is open" in at.info[0].value


@pytest.mark.parametrize("page", TITLES)
def test_empty_project(page: str, empty):
    at = open_page(page, empty)
    assert not at.exception
    assert at.title[0].value == TITLES[page]
    assert "no codes yet" in at.info[0].value
    if page == "agreement":
        assert at.toggle(key="agr_blind").disabled  # nobody to record the change
