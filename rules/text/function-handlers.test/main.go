package main

import "github.com/aws/aws-lambda-go/lambda"

func handle() (string, error) { return "ok", nil }

func main() {
	// lambda.Start(old) is commented out
	lambda.Start(handle) // lambdafit-expect(go-function-handler)
}

func other() {
	lambda.Startup() // lambdafit-expect-not(go-function-handler): another function
}
