package sharedgo

// Greeting is what api serves before core's answer.
func Greeting() string {
	return "go 1"
}
