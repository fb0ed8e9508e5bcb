package scoring_test

import (
	"fmt"

	"koroena/scoring"
)

// Example scores the worked example of the package doc: 19.995 % rounds to 20.00 % and
// lands in the [20, 40) band of ms_ta.
func Example() {
	in, err := scoring.Default().Lookup("ksp-2016")
	if err != nil {
		fmt.Println(err)
		return
	}
	inp, err := scoring.NewInput(in, map[string]string{
		"modal_sendiri": "19995",
		"total_aset":    "100000",
	}, nil, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	res := in.Score(inp)
	c, _ := res.Component("ms_ta")
	fmt.Println(c.Status, c.Ratio, c.Nilai, c.Skor)
	fmt.Println(res.Complete, res.Total)
	// Output:
	// scored 20 50 3
	// false 3
}
