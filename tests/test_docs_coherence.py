"""The READMEs and doc pages say what exists: contents match sections, every error class is listed, every named test
exists, every example type-checks, and the resource page keeps the reference page's surface."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.test_docs import GENERATED, python_blocks, split

README = GENERATED / "README.md"
RESOURCE_PAGE = GENERATED / "docs" / "sdks" / "sessions" / "README.md"
METHODS = ("list", "get_by_id", "generate_session_recording_urls", "session_recording_stream")
# Issue 12's names, each used in an example that mypy --strict checks (test_every_example_passes_mypy_strict).
NEW_NAMES = (
    "with_raw_response.",
    "RawResponse[",
    ".with_options(",
    "max_retries=",
    ".list_all(",
    ".list_all_async(",
    ".pages()",
    "Pager[",
    "AsyncPager[",
    "errors.MissingCredentialError",
    "errors.BadRequestError",
    "errors.ConflictError",
    "errors.AuthenticationError",
    "errors.PermissionDeniedError",
    "errors.NotFoundError",
    "errors.RateLimitError",
    "errors.InternalServerError",
    "errors.HTTPValidationError",
    "errors.RequestValidationError",
    "errors.ResponseTooLargeError",
    "components.SessionPropertiesLiteral",
    "models.ListResponseSession",
    "errors.SDKError",
    "pickle.loads(",
    "async_client=",
    "debug_logger=",
)


def _sections(path: Path) -> dict[str, str]:
    """Each ``## heading`` of a Markdown file (outside code blocks) and the text up to the next one."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for _, line in split(path)[1]:
        if line.startswith("## "):
            current = sections.setdefault(line[3:].strip(), [])
        current.append(line)
    return {name: "\n".join(lines) for name, lines in sections.items()}


def _section_code(path: Path) -> dict[str, str]:
    """The code blocks under each ``## heading`` of a Markdown file."""
    blocks, prose = split(path)
    headings = [(number, line[3:].strip()) for number, line in prose if line.startswith("## ")]
    code: dict[str, str] = {}
    for block in blocks:
        name = next((name for number, name in reversed(headings) if number < block.line), "")
        code[name] = code.get(name, "") + block.code
    return code


def _code(path: Path) -> str:
    return "\n".join(b.code for b in split(path)[0])


def test_the_table_of_contents_lists_every_section_in_order() -> None:
    text = README.read_text(encoding="utf-8")
    toc = text.split("<!-- Start Table of Contents -->")[1].split("<!-- End Table of Contents -->")[0]
    listed = re.findall(r"^\* \[([^\]]+)\]\(#([^)]+)\)$", toc, re.M)
    headings = [name for name in _sections(README) if name != "Table of Contents"]
    assert [name for name, _ in listed] == headings
    for name, anchor in listed:
        assert anchor == re.sub(r"[^\w\- ]", "", name.lower()).replace(" ", "-"), name


def test_the_error_table_and_tree_name_every_error_class_with_its_page() -> None:
    from syllable_sdk.models import errors

    section = _sections(README)["Error Handling"]
    tree = next(b.code for b in split(README)[0] if b.language == "text" and "└──" in b.code)
    for name in errors.__all__:
        assert f"| [{name}](docs/models/errors/{name.lower()}.md) |" in section, name
        assert re.search(rf"\b{name}\b", tree), f"{name} missing from the tree"
        assert (GENERATED / "docs" / "models" / "errors" / f"{name.lower()}.md").is_file(), name
    documented = set(re.findall(r"\| \[(\w+)\]\(docs/models/errors/", section))
    assert documented == set(errors.__all__)


def test_the_error_tree_is_the_class_hierarchy() -> None:
    """Each class in the README's tree is a direct subclass of the one it hangs from."""
    from syllable_sdk.models import errors

    tree = next(b.code for b in split(README)[0] if b.language == "text" and "└──" in b.code)
    parents: list[str] = []  # the first class named at each depth so far
    depth = 0
    seen = 0
    for line in tree.splitlines():
        branch = re.search("[├└]", line)
        if branch:
            depth = branch.start() // 4 + 1
        names = re.findall(r"\b[A-Z]\w*Error\b", re.sub(r"\([^)]*\)", "", line))
        for name in names:
            cls = getattr(errors, name)
            if depth == 0:
                assert cls.__bases__ == (Exception,), name
            else:
                assert cls.__bases__ == (getattr(errors, parents[depth - 1]),), name
            seen += 1
        if names and branch:
            del parents[depth:]
            parents.append(names[0])
        elif names:
            parents[depth:] = [names[0]]
    assert seen == len(errors.__all__)


def test_every_example_passes_mypy_strict(tmp_path: Path) -> None:
    blocks = python_blocks()
    for number, block in enumerate(blocks):
        (tmp_path / f"example_{number:03d}.py").write_text(f"# {block.where}\n{block.code}", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(ROOT / ".venv" / ".mypy_cache_snippets"),
            ".",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(blocks)} source files" in result.stdout


def test_every_new_name_is_in_a_type_checked_example() -> None:
    code = "\n".join(b.code for b in python_blocks())
    missing = [name for name in NEW_NAMES if name not in code]
    assert not missing, missing


def test_the_resource_page_shows_raw_responses_and_pages_for_each_method() -> None:
    sections = _sections(RESOURCE_PAGE)
    for method in METHODS:
        text = sections[method]
        code = _section_code(RESOURCE_PAGE)[method]
        assert f"sdk.sessions.with_raw_response.{method}(" in code, method
        # the reference page's surface: an example, the standalone function, parameters, response, errors
        for heading in ("### Example Usage", "### Standalone function", "### Parameters", "### Response", "### Errors"):
            assert heading in text, (method, heading)
        assert "| [errors.HTTPValidationError](../../models/errors/httpvalidationerror.md) | 422 |" in text
        assert "| [errors.SDKError](../../models/errors/sdkerror.md) | 4XX, 5XX |" in text
        assert "errors.RequestValidationError" in text and "errors.MissingCredentialError" in text, method
    code = _code(RESOURCE_PAGE)
    assert "sdk.sessions.list_all(" in code and "sdk.sessions.list_all_async(" in code
    assert "pager.pages()" in code and ").pages():" in code  # sync, and async resuming with page=


def test_the_readmes_name_only_tests_and_modules_that_exist() -> None:
    defined = {
        m for path in (ROOT / "tests").glob("test_*.py") for m in re.findall(r"def (test_\w+)", path.read_text())
    }
    for path in (ROOT / "README.md", README, RESOURCE_PAGE):
        text = path.read_text(encoding="utf-8")
        for file in set(re.findall(r"\b((?:tests|generator)/[\w/]+\.py)\b", text)):
            assert (ROOT / file).is_file(), f"{path.name}: {file}"
        for name in set(re.findall(r"`(?:tests/\w+\.py::)?(test_\w+)`", text)):
            assert name in defined, f"{path.name}: {name}"
        for file, name in re.findall(r"(tests/\w+\.py)::(test_\w+)", text):
            assert f"def {name}(" in (ROOT / file).read_text(), f"{path.name}: {file}::{name}"


def test_the_root_readme_maps_every_module_and_test_file() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for module in sorted((ROOT / "generator").glob("*.py")):
        if module.stem not in ("__init__", "__main__"):
            assert f"`{module.name}`" in text or f"generator/{module.name}" in text, module.name
    for test_file in sorted((ROOT / "tests").glob("test_*.py")):
        assert f"tests/{test_file.name}" in text, test_file.name
