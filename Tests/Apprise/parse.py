"""What apprise reads from each URL given on the command line, one JSON document per line,
normalized to what the checker compares: the service, the host it talks to, the port written,
the user, the targets (sorted, as apprise sorts them, and written as apprise sends them) and
the options that change a request. `{"refused": true}` when apprise will not use the URL.

Run by the Swift test AppriseComparisonTests with the python of scripts/apprise-venv.
"""
import json
import sys

import apprise


def slack_channel(channel):
    # As NotifySlack.send writes a target into the payload's "channel".
    if channel[0] == "+":
        return channel[1:]
    if channel[0] in "#@":
        return channel
    return "#" + channel


def matrix_room(room, host):
    # As NotifyMatrix._room_join reads a target: an alias gets ":host" when it names no server.
    if room.startswith("!"):
        return room
    name = room[1:] if room.startswith("#") else room
    return "#" + name if ":" in name else "#" + name + ":" + host


def record(plugin):
    kind = type(plugin).__name__
    if kind == "NotifySlack":
        if plugin.access_token:
            return {"service": "slack", "host": "slack.com", "port": None, "user": plugin.user,
                    "targets": sorted(slack_channel(c) for c in plugin.channels if c), "options": {"bot_token": True}}
        return {"service": "slack", "host": "hooks.slack.com", "port": None, "user": plugin.user,
                "targets": sorted(slack_channel(c) for c in plugin.channels if c),
                "options": {"tokens": "/".join([plugin.token_a, plugin.token_b, plugin.token_c])}}
    if kind == "NotifyMattermost":
        return {"service": "mattermost", "host": plugin.host, "port": plugin.port, "user": plugin.user,
                "targets": sorted(t[1] for t in plugin.targets),
                "options": {"secure": plugin.secure, "token": plugin.token, "prefix": plugin.fullpath or ""}}
    if kind == "NotifyDiscord":
        return {"service": "discord", "host": "discord.com", "port": None, "user": plugin.user, "targets": [],
                "options": {"webhook": plugin.webhook_id + "/" + plugin.webhook_token}}
    if kind == "NotifyTelegram":
        return {"service": "telegram", "host": "api.telegram.org", "port": None, "user": None,
                "targets": sorted(str(t[0]) for t in plugin.targets), "options": {"bot_token": plugin.bot_token}}
    if kind == "NotifyMatrix":
        if plugin.mode != "off":
            return {"service": "matrix", "host": plugin.host, "port": plugin.port, "user": None, "targets": [],
                    "options": {"webhook_mode": plugin.mode}}
        return {"service": "matrix", "host": plugin.host, "port": plugin.port, "user": plugin.user,
                "targets": sorted(matrix_room(r, plugin.host) for r in plugin.rooms),
                "options": {"secure": plugin.secure, "login": "password" if plugin.user else "token",
                            "secret": plugin.password, "msgtype": "m." + plugin.msgtype}}
    if kind == "NotifyNtfy":
        cloud = plugin.mode == "cloud"
        auth = "token" if plugin.token else ("basic" if plugin.user else "none")
        options = {"auth": auth, "cloud": cloud}
        if not cloud:
            options["secure"] = plugin.secure
        if plugin.priority != "default":
            options["priority"] = plugin.priority
        tags = getattr(plugin, "_NotifyNtfy__tags", [])
        if tags:
            options["tags"] = sorted(tags)
        return {"service": "ntfy", "host": "ntfy.sh" if cloud else plugin.host, "port": None if cloud else plugin.port,
                "user": plugin.user if auth == "basic" else None, "targets": sorted(plugin.topics), "options": options}
    if kind == "NotifyJSON":
        return {"service": "json", "host": plugin.host, "port": plugin.port, "user": plugin.user,
                "targets": [plugin.fullpath or "/"],
                "options": {"secure": plugin.secure, "method": plugin.method}}
    if kind == "NotifyZulip":
        return {"service": "zulip", "host": plugin.organization + "." + plugin.hostname, "port": None,
                "user": plugin.botname, "targets": sorted(plugin.targets), "options": {"token": plugin.token}}
    if kind == "NotifyEmail":
        return {"service": "email", "host": plugin.smtp_host, "port": plugin.port, "user": plugin.user,
                "targets": sorted(t[1] for t in plugin.targets),
                "options": {"secure": plugin.secure, "mode": plugin.secure_mode}}
    return {"service": kind}


for url in sys.argv[1:]:
    plugin = apprise.Apprise.instantiate(url, suppress_exceptions=True)
    print(json.dumps({"refused": True} if plugin is None else record(plugin), sort_keys=True))
