"""The layers that answer requests, as `pwa/app.py` stacks them (outermost first):

- `security.py`: security and privacy headers on every response;
- `read_only.py`: GET and HEAD only;
- `static_files.py` (with `whitenoise_table.py`): the hashed assets;
- `documents.py`: every built document from memory, per encoding, with ETags.

The host check is Starlette's own `TrustedHostMiddleware`.
"""
