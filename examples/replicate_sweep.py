# A parameter sweep written as a plain Python file: each pragma line starts a task.
# Run it with the ProActive kernel by pasting each block into a cell, or export it with
# `proactive-lsp export-xml examples/replicate_sweep.py`.

#%job(name=parameter_sweep)

#%split(name=split1, export=[grid])
grid = [0.01, 0.1, 1.0]

#%runs()
runs = 3;

#%process(name=process1, import=[grid])
rate = grid[int(variables.get("PA_TASK_REPLICATION"))]
print("training with", rate)

#%merge(name=merge1)
print("all runs finished")

#%task(name=publish, dep=[merge1])
print("publishing the best model")
