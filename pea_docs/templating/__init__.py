"""Word templates: the sandboxed Jinja environment, prepared templates, their checker and inspector.

A template is prepared once per process (:mod:`~pea_docs.templating.compiled`),
rendered with pea-docs' filters in a sandbox (:mod:`~pea_docs.templating.environment`),
checked tag by tag (:mod:`~pea_docs.templating.checker`) and described as a YAML stub
and a JSON Schema (:mod:`~pea_docs.templating.inspector`). The entry points are in
:mod:`~pea_docs.templating.template`.
"""
