from django.shortcuts import render


def home(request):
    """The public home page."""
    return render(request, "bulletins/home.html")
