document.body.textContent = "playground placeholder";
