// The parts of OpenSSL (libssl-dev) that backup-checker uses: digests, RSA-OAEP, big numbers
// for Ed25519, and TLS. Linked statically; see Package.swift. OpenSSL exposes some calls only
// as macros, which Swift cannot import; the small inline functions below wrap them.
#ifndef BACKUP_CHECKER_COPENSSL_SHIM_H
#define BACKUP_CHECKER_COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

static inline int bc_SSL_CTX_set_min_tls12(SSL_CTX *ctx) {
    return (int)SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
}

/// A peer that closes without close_notify ends the stream like one that sends it; the
/// protocols above (framed MySQL packets, HTTP lengths) notice a truncation themselves.
static inline void bc_SSL_CTX_ignore_unexpected_eof(SSL_CTX *ctx) {
    SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
}

static inline int bc_SSL_set_sni(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

static inline int bc_EVP_PKEY_CTX_set_rsa_oaep(EVP_PKEY_CTX *ctx) {
    return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_OAEP_PADDING);
}

static inline void bc_BIO_set_retry_read(BIO *bio) { BIO_set_retry_read(bio); }
static inline void bc_BIO_set_retry_write(BIO *bio) { BIO_set_retry_write(bio); }
static inline void bc_BIO_clear_retry_flags(BIO *bio) { BIO_clear_retry_flags(bio); }

#endif
