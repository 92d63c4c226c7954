"""The web portal (docs/portal.md): create_app in app.py, routes in routes/."""
