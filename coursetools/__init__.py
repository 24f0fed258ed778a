"""The module's tools: everything that builds, checks, releases and grades the book,
and nothing a student's notebook imports (that is ``coursekit``). One command line,
``python3 run.py COMMAND`` (``cli.py`` lists the commands); each module has one job:

| module | job |
|---|---|
| ``cli`` | the commands and which environment each needs |
| ``paths``, ``environment`` | where things are; Chromium, Node.js, Java and the npm tools |
| ``build``, ``buildcache``, ``build_errors`` | the strict build, what a change makes stale, failing cells named |
| ``check``, ``validate`` | ruff and the input files (quizzes, data, bibliography, notebooks) |
| ``testrun``, ``testplan`` | the test lanes; what a change to a path needs |
| ``lock`` | the lock files |
| ``release`` | the student copy, from the manifest of what a student gets |
| ``evidence`` | the evidence registers: every factual sentence bound to its source |
| ``lms`` | the quizzes as Moodle XML and Canvas QTI |
| ``benchmarks`` | the book's build and test times, page weight, Lighthouse and axe-core |
| ``theme`` | the icon stylesheet and the trimmed theme stylesheets |
| ``borders`` | the one-off converter that made the map data |

Imported from the repository root (``python -m coursetools``), never installed: the
packages it needs are in ``requirements-dev.txt``.
"""
