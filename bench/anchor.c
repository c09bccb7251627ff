/* The libmariadb side of bench/run: the same work as mysqlwire-bench.
 *
 *   anchor decode SQL                  mysql_use_result + mysql_fetch_row, every value read
 *   anchor connect N [tls|verify]      N x (connect, authenticate, SELECT 1, quit)
 *
 * tls: encrypted, the certificate not verified. libmariadb loads the system's CA store for
 * every connection unless it is given a CA file, even when it does not verify; it is given
 * the test CA (BC_TEST_DB_TLS_CA), so that neither client loads a store it does not use.
 * verify: verify-ca with that same CA file, as mysqlwire-bench does.
 *
 * Build: cc -O2 -o anchor anchor.c $(mariadb_config --cflags --libs)
 */
#include <mysql.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static MYSQL *open_connection(int tls, const char *database) {
    MYSQL *mysql = mysql_init(NULL);
    if (tls) {
        my_bool enforce = 1, verify = tls == 2;
        mysql_optionsv(mysql, MYSQL_OPT_SSL_ENFORCE, &enforce);
        mysql_optionsv(mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify);
        mysql_optionsv(mysql, MYSQL_OPT_SSL_CA, getenv("BC_TEST_DB_TLS_CA"));
    } else {
        my_bool off = 0;
        mysql_optionsv(mysql, MYSQL_OPT_SSL_ENFORCE, &off);
    }
    if (!mysql_real_connect(mysql, getenv("BC_TEST_DB_HOST"), getenv("BC_TEST_DB_ADMIN_USER"),
                            getenv("BC_TEST_DB_ADMIN_PASSWORD"), database,
                            (unsigned)atoi(getenv("BC_TEST_DB_PORT")), NULL, 0)) {
        fprintf(stderr, "anchor: %s\n", mysql_error(mysql));
        exit(1);
    }
    return mysql;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: anchor decode SQL | connect N [tls|verify]\n");
        return 2;
    }
    if (strcmp(argv[1], "decode") == 0) {
        MYSQL *mysql = open_connection(0, "bc_bench");
        if (mysql_query(mysql, argv[2])) { fprintf(stderr, "anchor: %s\n", mysql_error(mysql)); return 1; }
        MYSQL_RES *result = mysql_use_result(mysql);
        unsigned columns = mysql_num_fields(result);
        unsigned long rows = 0, bytes = 0;
        unsigned char checksum = 0;
        MYSQL_ROW row;
        while ((row = mysql_fetch_row(result))) {
            unsigned long *lengths = mysql_fetch_lengths(result);
            rows++;
            for (unsigned i = 0; i < columns; i++) {
                if (row[i]) {
                    bytes += lengths[i];
                    if (lengths[i]) checksum ^= (unsigned char)row[i][0];
                }
            }
        }
        mysql_free_result(result);
        mysql_close(mysql);
        printf("rows %lu bytes %lu checksum %u\n", rows, bytes, checksum);
    } else {
        int count = atoi(argv[2]);
        int tls = argc > 3 ? (strcmp(argv[3], "verify") == 0 ? 2 : strcmp(argv[3], "tls") == 0) : 0;
        for (int i = 0; i < count; i++) {
            MYSQL *mysql = open_connection(tls, NULL);
            if (mysql_query(mysql, "SELECT 1")) { fprintf(stderr, "anchor: %s\n", mysql_error(mysql)); return 1; }
            MYSQL_RES *result = mysql_store_result(mysql);
            if (!mysql_fetch_row(result)) return 1;
            mysql_free_result(result);
            mysql_close(mysql);
        }
        printf("connections %d\n", count);
    }
    return 0;
}
