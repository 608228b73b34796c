module example.com/api

go 1.19

require example.com/sharedgo v0.0.0

replace example.com/sharedgo => ../shared-go
