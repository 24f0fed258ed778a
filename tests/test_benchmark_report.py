"""The benchmark reads the whole test run, not its last pytest line."""

from coursetools.benchmarks.book import suite_summary

OUTPUT = """\
----- browser tests: passed in 206 s -----
================ 15 passed, 560 deselected in 202.89s (0:03:22) ================
----- unit tests: FAILED in 221 s -----
FAILED tests/test_data.py::test_x - AssertionError
=========== 1 failed, 549 passed, 1 skipped, 24 deselected in 217.66s ===========
[run.py] summary:
  ruff check             passed                 0 s
  build                  passed                 4 s
  browser tests          passed               206 s
  unit tests             FAILED               221 s
"""


def test_counts_every_lane_and_keeps_each_steps_time():
    assert suite_summary(OUTPUT) == (
        "564 passed, 1 failed, 1 skipped; steps: ruff check 0 s; build 4 s; "
        "browser tests 206 s; unit tests 221 s"
    )


def test_a_run_without_the_summary_block_still_gives_its_counts():
    assert suite_summary("==== 3 passed in 1.00s ====\n") == "3 passed"
