package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

func main() {
	ctx := context.Background()
	db, _ := sql.Open("duckdb", os.Args[1])
	conn, _ := db.Conn(ctx)
	for _, q := range os.Args[2:] {
		t := time.Now()
		rows, err := conn.QueryContext(ctx, q)
		if err != nil { fmt.Println(err); continue }
		cols, _ := rows.Columns()
		for rows.Next() {
			v := make([]any, len(cols)); p := make([]any, len(cols))
			for i := range v { p[i] = &v[i] }
			rows.Scan(p...)
			fmt.Println(v...)
		}
		rows.Close()
		fmt.Printf("%.3fs  %s\n", time.Since(t).Seconds(), q[:min(len(q), 80)])
	}
}
