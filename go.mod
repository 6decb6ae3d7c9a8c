module github.com/modelwire/modelwire

go 1.26
