//! How a PostgreSQL connection is secured, as libpq's `sslmode` says (the Rust driver knows
//! only disable, prefer and require, and no root certificate file): `disable`; `prefer` (the
//! default: encrypted when the server can, unverified); `require` (encrypted; verified as
//! `verify-ca` when a root certificate file exists, as libpq does); `verify-ca` (the server's
//! certificate chains to the root certificates); `verify-full` (and names the host). The root
//! certificates are `sslrootcert`'s file, else `~/.postgresql/root.crt`. `PGSSLMODE` and
//! `PGSSLROOTCERT` set them when the connection string does not.

use super::super::{Error, Result};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// A connection string without the options read here, and what they said.
#[derive(Debug, PartialEq)]
pub(crate) struct Split {
    pub rest: String,
    pub mode: Option<SslMode>,
    pub root_cert: Option<PathBuf>,
}

fn mode_named(value: &str) -> Result<SslMode> {
    Ok(match value {
        "disable" => SslMode::Disable,
        "allow" | "prefer" => SslMode::Prefer,
        "require" => SslMode::Require,
        "verify-ca" => SslMode::VerifyCa,
        "verify-full" => SslMode::VerifyFull,
        other => return Err(Error::Connect(format!("sslmode {other:?} is not one of disable, allow, prefer, require, verify-ca, verify-full"))),
    })
}

/// `%XX` escapes of a URL's query value decoded.
fn percent_decoded(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (
            bytes[i],
            v.get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok()),
        ) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Takes `sslmode` and `sslrootcert` out of a `postgresql://` URL's query or a `key=value`
/// string.
pub(crate) fn split(conn: &str) -> Result<Split> {
    let mut split = Split {
        rest: String::new(),
        mode: None,
        root_cert: None,
    };
    let mut take = |key: &str, value: String| -> Result<bool> {
        match key {
            "sslmode" => split.mode = Some(mode_named(&value)?),
            "sslrootcert" => split.root_cert = Some(PathBuf::from(value)),
            _ => return Ok(false),
        }
        Ok(true)
    };
    let rest = if conn.starts_with("postgres://") || conn.starts_with("postgresql://") {
        match conn.split_once('?') {
            None => conn.to_string(),
            Some((base, query)) => {
                let mut kept = Vec::new();
                for pair in query.split('&') {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    if !take(k, percent_decoded(v))? {
                        kept.push(pair);
                    }
                }
                match kept.is_empty() {
                    true => base.to_string(),
                    false => format!("{base}?{}", kept.join("&")),
                }
            }
        }
    } else {
        let mut kept = Vec::new();
        for word in conn.split_whitespace() {
            let (k, v) = word.split_once('=').unwrap_or((word, ""));
            if !take(k, v.trim_matches('\'').to_string())? {
                kept.push(word);
            }
        }
        kept.join(" ")
    };
    split.rest = rest;
    Ok(split)
}

/// The driver's connector for `mode`, or None when the connection is not to be encrypted.
pub(crate) fn connector(
    split: &Split,
) -> Result<(
    postgres::config::SslMode,
    Option<tokio_postgres_rustls::MakeRustlsConnect>,
)> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let mode = match split.mode {
        Some(m) => m,
        None => env("PGSSLMODE").map_or(Ok(SslMode::Prefer), |m| mode_named(&m))?,
    };
    if mode == SslMode::Disable {
        return Ok((postgres::config::SslMode::Disable, None));
    }
    let root_file = split
        .root_cert
        .clone()
        .or_else(|| env("PGSSLROOTCERT").map(PathBuf::from))
        .or_else(|| {
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".postgresql/root.crt"))
        });
    let roots = match root_file.filter(|f| f.exists()) {
        Some(file) => {
            let mut roots = RootCertStore::empty();
            for cert in CertificateDer::pem_file_iter(&file)
                .map_err(|e| Error::Connect(format!("{}: {e}", file.display())))?
            {
                let cert = cert.map_err(|e| Error::Connect(format!("{}: {e}", file.display())))?;
                roots
                    .add(cert)
                    .map_err(|e| Error::Connect(format!("{}: {e}", file.display())))?;
            }
            Some(Arc::new(roots))
        }
        None if matches!(mode, SslMode::VerifyCa | SslMode::VerifyFull) => {
            return Err(Error::Connect(
                "sslmode verify-ca and verify-full need the server's root certificate: sslrootcert=FILE or ~/.postgresql/root.crt".into(),
            ))
        }
        None => None,
    };
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier: Arc<dyn ServerCertVerifier> = match (mode, roots) {
        (SslMode::VerifyFull, Some(roots)) => webpki(roots, &provider)?,
        (SslMode::Prefer, _) | (_, None) => Arc::new(Unverified(provider.clone())),
        (_, Some(roots)) => Arc::new(ChainOnly(webpki(roots, &provider)?)),
    };
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Connect(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    let driver_mode = match mode {
        SslMode::Prefer => postgres::config::SslMode::Prefer,
        _ => postgres::config::SslMode::Require,
    };
    Ok((
        driver_mode,
        Some(tokio_postgres_rustls::MakeRustlsConnect::new(config)),
    ))
}

fn webpki(
    roots: Arc<RootCertStore>,
    provider: &Arc<CryptoProvider>,
) -> Result<Arc<WebPkiServerVerifier>> {
    WebPkiServerVerifier::builder_with_provider(roots, provider.clone())
        .build()
        .map_err(|e| Error::Connect(e.to_string()))
}

/// `require` and `prefer` without root certificates: encrypted, the certificate not checked
/// (libpq's behaviour), the handshake's signatures still are.
#[derive(Debug)]
struct Unverified(Arc<CryptoProvider>);

/// `verify-ca`: the chain to the root certificates, not the host's name.
#[derive(Debug)]
struct ChainOnly(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for Unverified {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssl_options_are_taken_out_of_urls_and_key_value_strings() {
        assert_eq!(
            split("postgresql://city@db.example/union?sslmode=verify-full&sslrootcert=%2Fetc%2Froot.crt&application_name=x").unwrap(),
            Split {
                rest: "postgresql://city@db.example/union?application_name=x".into(),
                mode: Some(SslMode::VerifyFull),
                root_cert: Some("/etc/root.crt".into()),
            }
        );
        assert_eq!(
            split("postgresql://city@db.example/union?sslmode=require").unwrap(),
            Split {
                rest: "postgresql://city@db.example/union".into(),
                mode: Some(SslMode::Require),
                root_cert: None,
            }
        );
        assert_eq!(
            split("host=db.example sslmode=verify-ca user=city").unwrap(),
            Split {
                rest: "host=db.example user=city".into(),
                mode: Some(SslMode::VerifyCa),
                root_cert: None,
            }
        );
        assert!(split("postgresql:///u?sslmode=always").is_err());
    }
}
