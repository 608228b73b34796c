module benchsvc

go 1.21
