"""Signing in: two-factor, lock-out, idle sessions and single sign-on (imported by base.py)."""
