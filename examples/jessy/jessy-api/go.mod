module example.com/jessy-api

go 1.19
