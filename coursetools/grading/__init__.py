"""Grade a folder of submitted notebooks: ``python3 run.py grade FOLDER``.

Unlike the rest of ``tools/``, this package needs the environment (otter, pandas,
IPython): run.py starts it with .venv's Python (``python -m coursetools.grading``) and never
imports it. The pieces, in the order a submission meets them:

- ``notebook``: read the file, find its exercise and where each answer is set;
- ``sandbox`` and ``runner``: execute its code in a separate, limited process with no
  test in reach; the runner writes the answers as plain data;
- ``confine``: Landlock rules that keep that process to Python and its own folder;
- ``answers``: check that data and rebuild plain answers from it;
- ``scoring``: run the autograder bundle's otter tests against them;
- ``report``: ``grades.csv`` and one feedback file per submission;
- ``cli``: the command line and the loop over the folder.
"""
