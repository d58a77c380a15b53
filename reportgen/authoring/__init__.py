"""The authoring wing: `new` (a findings file shaped like the edition's), `watch` (the preview and its
server), `schema` and the findings format's reference. It uses the pipeline; the pipeline never imports it."""
