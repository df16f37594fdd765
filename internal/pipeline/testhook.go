package pipeline

import (
	"context"
	"fmt"
	"os"
)

// PauseEnv names the test hook that holds a run at a stage so that tests
// can kill or interrupt it there deterministically: EQUIP_TEST_PAUSE=ingest
// (after the first snapshot is loaded, inside the run's transaction),
// metrics (after the figures are computed) or outputs (with some outputs
// written into the temporary folder). The run prints "paused at STAGE" to
// stderr and waits until it is killed or interrupted. It is not meant for
// users.
const PauseEnv = "EQUIP_TEST_PAUSE"

// pauseAt is the test hook's only reader: it holds the run at stage when
// PauseEnv names it, and returns the context's error once interrupted.
func pauseAt(ctx context.Context, stage string) error {
	if os.Getenv(PauseEnv) != stage {
		return ctx.Err()
	}
	fmt.Fprintf(os.Stderr, "paused at %s\n", stage)
	<-ctx.Done()
	return ctx.Err()
}
