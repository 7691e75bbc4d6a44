"""The web app: a JSON API and server-rendered pages over a Chronicle store (``chronicle serve``)."""
