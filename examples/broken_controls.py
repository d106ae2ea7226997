# Control-flow mistakes the kernel only reports at run time.

#%task(name=prepare)
data = list(range(10))

#%start(name=start1, dep=[prepare])
i = 0

#%task(name=stray)
print("a task in the middle of a loop")

#%condition()
loop = i < 3;

#%loop(name=loop1)
i += 1

#%branch()
x = 1

#%if()
print("if")
