package main

import (
	"fmt"
	"io"
	"net/http"
	"os"

	"example.com/sharedgo"
)

func main() {
	resp, err := http.Get("http://" + os.Getenv("CORE_ADDR") + "/")
	if err != nil {
		fmt.Println("core is not up:", err)
		os.Exit(1)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	core := string(body)
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, sharedgo.Greeting()+" with "+core)
	})
	fmt.Println("api listening")
	if err := http.ListenAndServe("127.0.0.1:"+os.Getenv("PORT"), nil); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
}
