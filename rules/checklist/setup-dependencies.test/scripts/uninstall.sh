apt-get remove -y libpq5  # lambdafit-expect-not(install-script): another name
