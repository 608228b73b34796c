module example.com/sharedgo

go 1.19
