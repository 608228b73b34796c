"""The benchmark of hotreload-maven-plugin against its peers, as a package (see bench/README.md).

Run it with bench/run. Standard library only.
"""
