"""Batch rendering: folders of YAML inputs into a folder of documents, in parallel, resumable.

The entry point is :func:`~pea_docs.batch.run.run_batch`; see ``docs/architecture.md``
for the walk of one input from discovery to the file on disk.
"""
