"""Reading inputs and placing outputs: YAML with places, office profiles, output paths.

:mod:`~pea_docs.io.inputs` reads YAML documents with the line and column of every
value and the ``office.yaml`` profiles that apply to them; :mod:`~pea_docs.io.paths`
keeps every output inside its folder. Nothing here knows a form.
"""
