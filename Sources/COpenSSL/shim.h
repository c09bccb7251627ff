// The parts of OpenSSL (libssl-dev) that backup-checker uses: message digests today,
// RSA and TLS as the protocol grows. Linked statically; see Package.swift.
#ifndef BACKUP_CHECKER_COPENSSL_SHIM_H
#define BACKUP_CHECKER_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#endif
