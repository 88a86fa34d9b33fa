"""Live classes: a presenter drives a session, students follow it and answer polls.

``store`` keeps classes, students, polls and answers with the sessions; ``service`` holds the
rules (who may do what, the server-side countdown, what each reader may see); ``api`` and
``pages`` are the HTTP routes, ``live`` the socket events (docs/api-classes.md).
"""
