"""Fixtures shared by the cross-app tests in tests/ (the harness check and the browser tests).

App-level tests live beside their app in safetymap/<app>/tests/; their fixtures and factories
belong there. Browser fixtures (browser, page, axe_violations) are in tests/e2e/conftest.py.
"""
