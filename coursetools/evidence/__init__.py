"""The evidence register: every factual sentence of the book bound to the words that support it.

``data/evidence/<page>.yml`` holds, for one page of the book, one record per sentence
that states a fact: where the sentence is, and verbatim excerpts of the sources it rests
on (a bibliography entry read in a stored copy, a line of the shared article or
fact-check, or a row of ``data/``). Sentences that state no fact may be listed with a
reason. The modules, one job each:

- ``pages``: which source files make up each page of the book (read from ``_toc.yml``);
- ``sentences``: the sentences of a page, with a stable id, their citations and glued values;
- ``cues``: what marks a sentence as factual, its quotations, numbers and universal words;
- ``register``: reading and writing the register files;
- ``verify``: the checks that bind each record to its sentence and its sentence to its evidence;
- ``cli``: ``python3 run.py evidence``, the writer's view of what is missing.
"""
