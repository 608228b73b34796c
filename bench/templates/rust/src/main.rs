//! Benchmark service built with cargo build: answers GET / with VERSION, on 127.0.0.1 only.
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

const VERSION: &str = "@VERSION@";

fn main() {
    let port: u16 = std::env::var("BENCH_PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(18080);
    let listener = TcpListener::bind(("127.0.0.1", port)).unwrap_or_else(|e| {
        eprintln!("cannot bind 127.0.0.1:{port}: {e}");
        std::process::exit(1);
    });
    if let Ok(starts) = std::env::var("BENCH_STARTS") {
        if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(starts) {
            let _ = writeln!(f, "{} {}", std::process::id(), VERSION);
        }
    }
    for stream in listener.incoming() {
        let mut s = match stream {
            Ok(s) => s,
            Err(_) => continue,
        };
        let _ = s.set_read_timeout(Some(Duration::from_secs(1)));
        let mut request = Vec::new();
        let mut buf = [0u8; 4096];
        while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 65536 {
            match s.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => request.extend_from_slice(&buf[..n]),
            }
        }
        let _ = write!(
            s,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
            VERSION.len(),
            VERSION
        );
    }
}
