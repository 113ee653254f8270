"""Prints the peer table from alternating rigtherm / OpenFOAM JSON lines on stdin."""
import json
import sys

TARGET = 5.0  # issue 15: rigtherm at least 5x faster on every case
NU_AGREEMENT_PCT = 0.2

def ra_label(ra):
    return f"{ra:.0e}".replace("e+0", "e")


rows = [json.loads(line) for line in sys.stdin if line.strip()]
print()
print("| case | grid | rigtherm s (iterations) | OpenFOAM s (iterations) | speed ratio | Nu rigtherm | Nu OpenFOAM | Nu diff |")
print("|---|---|---|---|---|---|---|---|")
met = True
for rt, of in zip(rows[0::2], rows[1::2]):
    rt_s = rt["process_wall_s"]
    of_s = of["wall_s"]
    ratio = of_s / rt_s
    diff = 100.0 * (rt["Nu"] - of["Nu"]) / of["Nu"]
    ok = ratio >= TARGET and abs(diff) <= NU_AGREEMENT_PCT and rt["converged"] and of["converged"]
    met = met and ok
    # Iterations on the run's grid, then those of its coarse start, coarsest first.
    coarse = rt.get("coarse_iterations", [])
    rt_it = str(rt["iterations"]) + (f" after {'+'.join(map(str, coarse))} coarse" if coarse else "")
    print(f"| {rt['case']} Ra {ra_label(rt['Ra'])} | {rt['grid']} | {rt_s:.2f} ({rt_it}) "
          f"| {of_s:.2f} ({of['iterations']}) | {ratio:.2f}x | {rt['Nu']:.4f} | {of['Nu']:.4f} "
          f"| {diff:+.3f} % |")
print()
print(f"target (>= {TARGET:g}x on every case, Nu within {NU_AGREEMENT_PCT} %): "
      + ("met" if met else "not met"))
