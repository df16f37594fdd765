package cli

import (
	"context"
	"fmt"
	"io"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/equip-project/equip/internal/config"
)

// scheduleCmd runs each pipeline on its schedule until SIGTERM or SIGINT;
// with --once it runs, once, each pipeline that is due — whose schedule has
// come round since it last published, or that never has — and returns (for
// a system timer, or a test).
func scheduleCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o runOptions
	var once bool
	fs := runFlags("schedule", &o, stderr)
	fs.BoolVar(&once, "once", false, "run each pipeline that is due once now, then stop")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageError{"equip schedule: give one or more pipeline files"}
	}
	var pipelines []*config.Pipeline
	for _, path := range pos {
		p, err := config.Load(path)
		if err != nil {
			return err
		}
		if p.Schedule == "" {
			return fmt.Errorf("%w\n%s: schedule: missing; give a cron expression such as \"0 6 1 5 *\"", config.ErrInvalid, path)
		}
		pipelines = append(pipelines, p)
	}
	log := logger(stderr, o.quiet, o.jsonLog)
	if once {
		var first error
		o.dueAt = time.Now()
		for _, p := range pipelines {
			if err := execute(ctx, p, o, false, false, stdout, stderr); err != nil {
				log.Error("scheduled run failed", "pipeline", p.Name, "error", err.Error())
				if first == nil {
					first = err
				}
			}
		}
		return first
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	c := cron.New()
	var running sync.Mutex // one run at a time: they share the warehouse
	for _, p := range pipelines {
		p := p
		if _, err := c.AddFunc(p.Schedule, func() {
			running.Lock()
			defer running.Unlock()
			if ctx.Err() != nil {
				return
			}
			log.Info("scheduled run starting", "pipeline", p.Name)
			if err := execute(ctx, p, o, false, false, stdout, stderr); err != nil {
				log.Error("scheduled run failed", "pipeline", p.Name, "error", err.Error())
				return
			}
			log.Info("scheduled run finished", "pipeline", p.Name)
		}); err != nil {
			return fmt.Errorf("%w\n%s: schedule: %v", config.ErrInvalid, p.Path, err)
		}
		log.Info("scheduled", "pipeline", p.Name, "schedule", p.Schedule)
	}
	c.Start()
	<-ctx.Done()
	log.Info("stopping: waiting for a running pipeline to finish")
	<-c.Stop().Done()
	return nil
}
