// Benchmark service built with go build: answers GET / with version, on 127.0.0.1 only.
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
)

const version = "@VERSION@"

func main() {
	port := os.Getenv("BENCH_PORT")
	if port == "" {
		port = "18080"
	}
	ln, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if starts := os.Getenv("BENCH_STARTS"); starts != "" {
		if f, err := os.OpenFile(starts, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
			fmt.Fprintf(f, "%d %s\n", os.Getpid(), version)
			f.Close()
		}
	}
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Connection", "close")
		fmt.Fprint(w, version)
	})
	_ = http.Serve(ln, nil)
}
