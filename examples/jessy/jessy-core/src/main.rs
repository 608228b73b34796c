//! jessy-core: a small HTTP service on the standard library only.
//! Answers every request with its version, so that a reload can be seen from outside.

use std::env;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;

const VERSION: &str = "jessy-core 1.0.0";

fn handle(mut stream: TcpStream) {
    let mut buffer = [0u8; 4096];
    let mut request = Vec::new();
    // read the request head; the body, if any, is ignored
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buffer[..n]),
        }
        if request.len() > 64 * 1024 {
            return;
        }
    }
    let body = format!("{}\n", VERSION);
    let response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
        body.len(),
        body
    );
    let _ = stream.write_all(response.as_bytes());
}

fn main() {
    let host = env::var("HOST").unwrap_or_else(|_| "0.0.0.0".to_string());
    let port = env::var("PORT").unwrap_or_else(|_| "8080".to_string());
    let address = format!("{}:{}", host, port);
    let listener = match TcpListener::bind(&address) {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("cannot listen on {}: {}", address, e);
            std::process::exit(1);
        }
    };
    println!("Server started on http://{}", address);
    for stream in listener.incoming().flatten() {
        thread::spawn(move || handle(stream));
    }
}
