"""Take the README's screenshot of the Code page on the demo project, in headless Chromium.

    .venv/bin/python scripts/screenshot_code_page.py [--project demo/demo.qualcode] [-o docs/screenshot-code.png]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qualcode.demo import build_demo  # noqa: E402
from tests.browser import chromium_page, drag_select, streamlit_server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT / "demo" / "demo.qualcode")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "screenshot-code.png")
    args = parser.parse_args()
    if not args.project.exists():
        args.project.parent.mkdir(parents=True, exist_ok=True)
        build_demo(args.project).close()
    with streamlit_server(args.project) as url, chromium_page(1500, 950) as page:
        page.goto(f"{url}/code")
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Who is coding").click()
        page.get_by_role("option", name="rina", exact=True).click()
        page.locator(".qc-transcript").wait_for(timeout=60_000)
        page.wait_for_function("() => Number(document.querySelector('.qc-transcript')?.dataset.codings) > 0")
        mine = int(page.evaluate("() => document.querySelector('.qc-transcript').dataset.codings"))
        page.locator('[data-testid="stSelectbox"]').filter(has_text="Show codings of").click()
        page.get_by_role("option", name="All coders").click()
        page.wait_for_function(f"() => Number(document.querySelector('.qc-transcript').dataset.codings) > {mine}")
        drag_select(page, "Ada grup WhatsApp LKS yang dibikin sama seksi di bidang rehsos")
        page.wait_for_timeout(2500)
        page.locator('[data-testid="stMultiSelect"]').first.click()
        page.keyboard.type("E3.2")
        page.get_by_role("option").first.click()
        page.keyboard.press("Escape")
        page.wait_for_timeout(1500)
        page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)")
        page.wait_for_timeout(300)
        page.screenshot(path=str(args.output))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
