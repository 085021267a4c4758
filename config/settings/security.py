"""Security headers, Content Security Policy, cookies and uploads (imported by base.py)."""
