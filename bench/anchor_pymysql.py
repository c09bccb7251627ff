"""The PyMySQL side of bench/run: an unbuffered cursor (SSCursor), every value read."""
import os
import sys

import pymysql
import pymysql.cursors

connection = pymysql.connect(host=os.environ["BC_TEST_DB_HOST"], port=int(os.environ["BC_TEST_DB_PORT"]),
                             user=os.environ["BC_TEST_DB_ADMIN_USER"], password=os.environ["BC_TEST_DB_ADMIN_PASSWORD"],
                             database="bc_bench", cursorclass=pymysql.cursors.SSCursor)
rows = 0
values = 0
with connection.cursor() as cursor:
    cursor.execute(sys.argv[1])
    for row in cursor:
        rows += 1
        for value in row:
            if value is not None:
                values += 1
connection.close()
print(f"rows {rows} values {values}")
