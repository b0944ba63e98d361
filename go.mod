module github.com/actorgraph/actorgraph

go 1.26.8
