// jessy-api: a small HTTP service on the standard library only.
// Answers every request with its version, so that a reload can be seen from outside.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
)

const version = "jessy-api 1.0.0"

func getenv(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func main() {
	address := getenv("HOST", "0.0.0.0") + ":" + getenv("PORT", "3000")
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, version)
	})
	fmt.Printf("jessy-api listening on http://%s\n", address)
	log.Fatal(http.ListenAndServe(address, nil))
}
