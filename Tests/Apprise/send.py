"""Sends one notification with apprise: send.py URL TITLE BODY TYPE (info, warning, failure).
Exits 0 when apprise says it was delivered. Run by the Swift tests that compare the requests
apprise sends with the checker's, with the python of scripts/apprise-venv.
"""
import sys

import apprise

url, title, body, kind = sys.argv[1:5]
notifier = apprise.Apprise()
if not notifier.add(url):
    sys.exit(2)
sys.exit(0 if notifier.notify(body=body, title=title, notify_type=apprise.NotifyType(kind)) else 1)
