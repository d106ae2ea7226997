"""Submitting workflows to a ProActive scheduler and following their jobs (issue 5).

`connection` (where and as whom) and `record` (the local job list) are pure; `client` drives
the SDK (imported lazily) with deadlines; `run` is what the CLI and the server share.
"""
