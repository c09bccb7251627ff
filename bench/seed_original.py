"""The seed's original check, for bench/run to measure against: the mariadb connector, tabulate
and a POST to Zulip with requests, as the Python script that backup-checker replaces did."""
import os

import mariadb
import requests
from tabulate import tabulate

conn = mariadb.connect(host=os.environ["db_host"], port=int(os.environ["db_port"]), user=os.environ["db_username"],
                       password=os.environ["db_password"], database=os.environ["database"])
cursor = conn.cursor()
cursor.execute("SELECT * FROM list WHERE date = %s ORDER BY 1", (os.environ["check_date"],))
rows = cursor.fetchall()
headers = [column[0] for column in cursor.description]
conn.close()

with open(os.environ["expected_backups"]) as handle:
    expected = [line.strip() for line in handle if line.strip() and not line.startswith("#")]
done = [row[2] for row in rows if row[5] == "success"]
table = tabulate(rows, headers=headers, tablefmt="pretty")
if set(expected) == set(done):
    message = "everything is a-ok\n" + table
else:
    message = ("something went wrong\nexpected_backups and done_backups do not match:\n"
               f"expected backups: {sorted(set(expected))}\ndone backups: {sorted(set(done))}\n"
               f"diff: {sorted(set(expected) ^ set(done))}\n" + table)
print(message)
answer = requests.post(os.environ["zulip_site"] + "/api/v1/messages",
                       auth=(os.environ["zulip_email"], os.environ["zulip_bot_api_key"]),
                       data={"type": "stream", "to": os.environ["zulip_stream"], "topic": os.environ["zulip_topic"],
                             "content": "```\n" + message + "\n```"}, timeout=30)
answer.raise_for_status()
