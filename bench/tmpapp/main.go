package main

import (
	"bufio"
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

const schema = `CREATE TABLE staff (snapshot_date DATE NOT NULL, person_key VARCHAR NOT NULL, grade VARCHAR, department VARCHAR, contract_type VARCHAR, working_pattern VARCHAR,
sex VARCHAR, gender_identity VARCHAR, ethnicity VARCHAR, disability VARCHAR, religion VARCHAR, sexual_orientation VARCHAR, marital_status VARCHAR, pregnancy_maternity VARCHAR, carer VARCHAR,
age INTEGER, fte DOUBLE, weekly_hours DOUBLE, hourly_pay DOUBLE, ordinary_pay DOUBLE, annual_salary DOUBLE, fte_annual_salary DOUBLE, bonus_pay DOUBLE, full_pay_relevant BOOLEAN, start_date DATE)`

var cats = []string{"Female", "Male", "White: English, Welsh, Scottish, Northern Irish or British", "Not known", "Prefer not to say", "Christian", "No religion", "Yes", "No"}

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	ctx := context.Background()
	os.Remove("/tmp/benchdata/a.duckdb")
	db, _ := sql.Open("duckdb", "/tmp/benchdata/a.duckdb")
	conn, _ := db.Conn(ctx)
	conn.ExecContext(ctx, schema)
	date := time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	t := time.Now()
	conn.ExecContext(ctx, "BEGIN")
	if os.Args[2] == "app" {
		conn.Raw(func(dc any) error {
			app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "staff")
			if err != nil { panic(err) }
			v := make([]driver.Value, 25)
			for i := 0; i < n; i++ {
				v[0] = date
				v[1] = fmt.Sprintf("%032x", i)
				v[2] = "Grade " + strconv.Itoa(i%18)
				v[3] = "Adults and Communities"
				v[4] = "Permanent"
				v[5] = nil
				for j := 6; j < 15; j++ { v[j] = cats[(i+j)%len(cats)] }
				v[15] = int32(i % 60)
				for j := 16; j < 23; j++ { v[j] = float64(i) * 1.5 }
				v[23] = true
				v[24] = date
				if err := app.AppendRow(v...); err != nil { panic(err) }
			}
			return app.Close()
		})
	} else {
		f, _ := os.Create("/tmp/benchdata/a.csv")
		b := bufio.NewWriterSize(f, 1<<20)
		var buf []byte
		for i := 0; i < n; i++ {
			buf = buf[:0]
			buf = append(buf, "2025-03-31,"...)
			buf = fmt.Appendf(buf, "%032x,", i)
			buf = append(buf, "Grade "...)
			buf = strconv.AppendInt(buf, int64(i%18), 10)
			buf = append(buf, ",Adults and Communities,Permanent,,"...)
			for j := 6; j < 15; j++ { buf = strconv.AppendQuote(buf, cats[(i+j)%len(cats)]); buf = append(buf, ',') }
			buf = strconv.AppendInt(buf, int64(i%60), 10)
			buf = append(buf, ',')
			for j := 16; j < 23; j++ { buf = strconv.AppendFloat(buf, float64(i)*1.5, 'g', -1, 64); buf = append(buf, ',') }
			buf = append(buf, "true,2025-03-31\n"...)
			b.Write(buf)
		}
		b.Flush(); f.Close()
		fmt.Println("csv written", time.Since(t))
		if _, err := conn.ExecContext(ctx, `INSERT INTO staff SELECT * FROM read_csv('/tmp/benchdata/a.csv', header=false, columns={'snapshot_date':'DATE','person_key':'VARCHAR','grade':'VARCHAR','department':'VARCHAR','contract_type':'VARCHAR','working_pattern':'VARCHAR','sex':'VARCHAR','gender_identity':'VARCHAR','ethnicity':'VARCHAR','disability':'VARCHAR','religion':'VARCHAR','sexual_orientation':'VARCHAR','marital_status':'VARCHAR','pregnancy_maternity':'VARCHAR','carer':'VARCHAR','age':'INTEGER','fte':'DOUBLE','weekly_hours':'DOUBLE','hourly_pay':'DOUBLE','ordinary_pay':'DOUBLE','annual_salary':'DOUBLE','fte_annual_salary':'DOUBLE','bonus_pay':'DOUBLE','full_pay_relevant':'BOOLEAN','start_date':'DATE'})`); err != nil { panic(err) }
	}
	fmt.Println("loaded", time.Since(t))
	conn.ExecContext(ctx, "COMMIT")
	conn.ExecContext(ctx, "CHECKPOINT")
	fmt.Println("committed", time.Since(t))
}
