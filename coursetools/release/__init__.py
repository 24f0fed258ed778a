"""The student copy of the repository, to publish as its own repository.

    python3 run.py release DIR [--repository-url URL] [--branch BRANCH]

``student_files.txt`` is the explicit list of what a student gets (``manifest``);
``rewrite`` points the copy's table of contents, configuration and package file at
the copy; ``readme`` writes its README, whose commands CI runs inside a fresh copy
(tests/test_release.py); ``cli`` puts it together and refuses a copy that carries
instructor material.
"""
