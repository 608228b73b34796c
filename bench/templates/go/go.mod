module benchsvc

go 1.19
